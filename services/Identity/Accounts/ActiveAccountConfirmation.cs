using Microsoft.AspNetCore.Identity;

namespace ReferralNet.Identity.Accounts;

// ASP.NET Identity asks this before every sign-in and every token refresh (CanSignInAsync): a disabled account is refused.
sealed class ActiveAccountConfirmation : IUserConfirmation<StaffAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffAccount> manager, StaffAccount user) => Task.FromResult(!user.Disabled);
}
