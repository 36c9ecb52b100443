using Microsoft.AspNetCore.DataProtection;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Data;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Identity.Accounts;

public static class AccountsExtensions
{
    /// <summary>The number of wrong passwords or codes in a row that locks an account.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>The claim ASP.NET Identity gives a session that passed a second factor (<c>amr</c> = <c>mfa</c>).</summary>
    public const string SecondFactorClaim = "amr";

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// ASP.NET Core Identity on the staff database: passwords of 12 characters or more, lockout
    /// after <see cref="MaxFailedAttempts"/> failures, TOTP authenticators, and the sign-in cookie.
    /// </summary>
    public static WebApplicationBuilder AddStaffAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOrganisationDirectory();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<Invitations>();
        services.AddIdentity<StaffAccount, IdentityRole>(identity =>
            {
                // Length, not composition rules (NIST SP 800-63B).
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 4;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                identity.User.RequireUniqueEmail = true;
                // Routes every sign-in through ActiveAccountConfirmation, which refuses disabled accounts.
                identity.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<StaffDbContext>()
            .AddDefaultTokenProviders()
            .AddUserConfirmation<ActiveAccountConfirmation>();

        // A disabled account's sign-in session at this service ends within a minute.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The renewed session keeps the proof that it passed a second factor.
            o.OnRefreshingPrincipal = refresh =>
            {
                if (refresh.CurrentPrincipal?.FindFirst(SecondFactorClaim) is { } amr && refresh.NewPrincipal?.Identity is ClaimsIdentity renewed && !renewed.HasClaim(SecondFactorClaim, amr.Value))
                    renewed.AddClaim(new Claim(SecondFactorClaim, amr.Value));
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "referralnet-identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/signin";
        });
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "referralnet-identity-antiforgery");
        // Cookies and antiforgery tokens stay valid across restarts: their keys live in the data folder.
        var keyRing = Directory.CreateDirectory(Path.Combine(StaffDatabase.DataFolder(builder.Configuration), "data-protection"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyRing.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection()
            .PersistKeysToFileSystem(keyRing)
            .SetApplicationName("referralnet-identity");
        return builder;
    }
}
