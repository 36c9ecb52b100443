namespace ReferralNet.Portal.Beds;

public static class LiveBedBoardExtensions
{
    public static WebApplicationBuilder AddLiveBedBoard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BedChanges>();
        return builder;
    }
}
