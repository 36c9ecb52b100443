namespace ReferralNet.Identity.Audit;

/// <summary>What happened; stored by name.</summary>
public enum AuditEvent
{
    /// <summary>Password and, where needed, second factor accepted.</summary>
    SignedIn,
    /// <summary>A sign-in named an e-mail no account has (no ids to record).</summary>
    UnknownAccount,
    PasswordRejected,
    SecondFactorRejected,
    RecoveryCodeUsed,
    RecoveryCodeRejected,
    /// <summary>This failure locked the account.</summary>
    LockedOut,
    /// <summary>A sign-in was tried while the account was locked.</summary>
    RefusedWhileLockedOut,
    /// <summary>A disabled account tried to sign in or to refresh its tokens.</summary>
    RefusedDisabled,
    /// <summary>Password right, but the account's roles need a second factor it has not enrolled.</summary>
    RefusedWithoutSecondFactor,
    SignedOut,
    /// <summary>A client-credentials token went to an organisation's client.</summary>
    ClientTokenIssued,
    AccountCreated,
    AccountDisabled,
    /// <summary>An org admin created an account and its one-time set-up link.</summary>
    AccountInvited,
    /// <summary>The person set a password and enrolled an authenticator through the link.</summary>
    InvitationAccepted,
    RolesChanged,
    /// <summary>An org admin removed the authenticator (and issued a new set-up link).</summary>
    SecondFactorReset,
}
