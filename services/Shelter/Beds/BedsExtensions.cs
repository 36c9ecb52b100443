using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralNet.Referrals.Operations;

namespace ReferralNet.Shelter.Beds;

public static class BedsExtensions
{
    public static IHostApplicationBuilder AddBeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BedOptions>().BindConfiguration("ReferralNet:Beds");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<BedLedger>();
        builder.Services.AddSingleton<BedBoardSnapshots>();
        builder.Services.AddHostedService<HoldExpiry>();
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section);
        builder.Services.AddHostedService<BedOccupancyReading>();
        return builder;
    }
}
