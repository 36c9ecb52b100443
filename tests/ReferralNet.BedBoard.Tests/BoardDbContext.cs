using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;

namespace ReferralNet.BedBoard.Tests;

/// <summary>A service database with nothing but the outbox, the inbox and the bed board.</summary>
public sealed class BoardDbContext(DbContextOptions<BoardDbContext> options) : ReferralNetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddBedBoard();
    }
}
