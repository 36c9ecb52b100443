using Microsoft.AspNetCore.Authorization;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>
/// One of <see cref="AccessPolicies"/>: the caller holds at least one of <see cref="Roles"/>.
/// It is its own handler, and carries the sentence a refused caller reads (<see cref="AccessRefusals"/>).
/// </summary>
public sealed class AccessRequirement(string refusal, params string[] roles) : AuthorizationHandler<AccessRequirement>, IAuthorizationRequirement
{
    /// <summary>Any one of these roles is enough.</summary>
    public IReadOnlyList<string> Roles { get; } = roles;

    /// <summary>What a caller without any of the roles is told: what needs which role.</summary>
    public string Refusal { get; } = refusal;

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (context.User.FindFirst(OrganisationClaims.OrganisationId) is not null && requirement.Roles.Any(context.User.IsInRole))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
