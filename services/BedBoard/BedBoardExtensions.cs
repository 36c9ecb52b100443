using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Http;
using ReferralNet.Contracts;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.BedBoard;

/// <summary>The bed board: free beds by shelter, area and bed type, as seen from another service.</summary>
public static class BedBoardExtensions
{
    /// <summary>Maps the bed board's table.</summary>
    public static ModelBuilder AddBedBoard(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BedBoardEntry>(entry =>
        {
            entry.ToTable("bed_board");
            entry.HasKey(e => new { e.ShelterId, e.BedType });
            entry.HasIndex(e => new { e.Area, e.BedType });
        });
        return modelBuilder;
    }

    /// <summary>Registers the consumer that keeps the bed board, and its catch-up at start.</summary>
    public static IBusRegistrationConfigurator AddBedBoard(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BedAvailabilityChangedConsumer>();
        bus.AddHostedService<BedBoardRefresh>();
        return bus;
    }

    /// <summary>
    /// <c>GET /api/beds?area=&amp;bedType=&amp;freeOnly=</c>: every shelter's beds by type, as last heard.
    /// </summary>
    public static IEndpointRouteBuilder MapBedBoard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/beds", async (HttpContext http, ReferralNetDbContext db, string? area, string? bedType, bool? freeOnly, CancellationToken ct) =>
        {
            var (page, problem) = PageRequest.Read(http.Request);
            if (problem is not null) return problem;
            // Empty means any bed type; anything else must be one (blank or padded is a mistake, not "any").
            if (!string.IsNullOrEmpty(bedType) && !BedTypes.IsKnown(bedType))
                return Problems.BadRequest($"'{bedType}' is not a bed type; use one of: {string.Join(", ", BedTypes.All)}");
            var query = db.Set<BedBoardEntry>().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(area)) query = query.Where(e => e.Area == area);
            if (!string.IsNullOrEmpty(bedType)) query = query.Where(e => e.BedType == bedType);
            if (freeOnly == true) query = query.Where(e => e.Free > 0);
            // By shelter and bed type (a count changes often; its key never does); since = changed at or after.
            var (entries, next) = await query.Since(page!, e => e.ChangedAt).PageAsync(page!, e => e.ShelterId, e => e.BedType, ct);
            return page!.Answer(http, entries.Select(e => new
            {
                e.ShelterId, e.ShelterName, e.OrganisationId, e.Area, e.BedType,
                e.Total, e.Occupied, e.Held, e.Free, e.Version, e.ChangedAt,
            }), next);
        }).WithName("GetBedBoard").RequireAuthorization(AccessPolicies.Partner);
        return app;
    }
}
