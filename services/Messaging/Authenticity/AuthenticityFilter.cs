using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferralNet.Messaging.Inbox;
using ReferralNet.ServiceDefaults;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Messaging.Authenticity;

/// <summary>
/// In front of every consumer: a ReferralNet message is applied only when its validated broker user
/// (<see cref="BrokerUser"/>) is the service that hosts the organisation it acts for
/// (<see cref="MessageClaims"/>, the directory of organisations), and it is for an organisation this
/// service hosts. Anything else throws <see cref="MessageNotAuthenticException"/> (a message with a
/// missing field, whose claims mean nothing, <see cref="ArgumentException"/>); neither is retried:
/// the message goes to <c>_error</c> and the service goes on.
/// </summary>
public sealed class AuthenticityFilter<T>(IServiceProvider services, IOptions<ReferralNetOptions> options) : IFilter<ConsumeContext<T>>
    where T : class
{
    /// <inheritdoc />
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var message = context.Message;
        var type = message.GetType().Name;
        try
        {
            // The shape first: claims read from a message with a missing field mean nothing.
            MessageShape.Require(message);
            if (MessageClaims.For(message) is { } claims)
                Check(type, claims, BrokerUser.Of(context.ReceiveContext));
            else if (message.GetType().Namespace?.StartsWith("ReferralNet.Contracts", StringComparison.Ordinal) == true)
                throw new MessageNotAuthenticException($"{type} has no authenticity rule (MessageClaims), so it cannot be applied");
        }
        catch (Exception e) when (e is MessageNotAuthenticException or ArgumentException)
        {
            // As a consumer's own failure would: the message counts as faulted (metrics, and
            // it goes to _error only, not to _skipped as well).
            await context.NotifyFaulted(context, TimeSpan.Zero, "authenticity", e);
            throw;
        }
        await next.Send(context);
    }

    void Check(string type, MessageClaims claims, string? user)
    {
        var publisher = user is null ? "carries no validated broker user (user_id)" : $"was published by broker user '{user}'";
        if (claims.ActingService is { } service)
        {
            if (user != service)
                throw new MessageNotAuthenticException($"{type} claims to come from service '{service}' but {publisher}");
            return;
        }
        var directory = services.GetRequiredService<OrganisationDirectory>();
        var acting = claims.ActingOrganisation ?? "";
        var host = HostOf(directory, acting)
            ?? throw new MessageNotAuthenticException($"{type} claims organisation '{acting}', which no service hosts");
        if (user != host)
            throw new MessageNotAuthenticException($"{type} claims organisation '{acting}' (hosted by {host}) but {publisher}");
        if (claims.AddressedOrganisation is { } addressed && HostOf(directory, addressed) is var addressedHost && addressedHost != options.Value.ServiceName)
            throw new MessageNotAuthenticException(
                $"{type} is addressed to organisation '{addressed}' (hosted by {addressedHost ?? "no service"}), which {options.Value.ServiceName} does not host");
    }

    static string? HostOf(OrganisationDirectory directory, string organisationId) =>
        directory.Find(organisationId) is { } organisation ? ServiceNames.ForKind(organisation.Kind) : null;

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context.CreateFilterScope("authenticity");
}
