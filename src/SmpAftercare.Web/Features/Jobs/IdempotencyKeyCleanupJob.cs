using System.ComponentModel;
using System.Globalization;
using Hangfire;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Api;

namespace SmpAftercare.Web.Features.Jobs;

/// <summary>
/// Deletes the API's remembered Idempotency-Key answers once they are past their lifetime (24 hours), so the table
/// holds about a day of keys instead of growing for ever. Safe to run twice or late: it only deletes what has
/// expired by this host's clock, and an expired key that comes again before the purge is reused anyway.
/// </summary>
public sealed class IdempotencyKeyCleanupJob(AppDbContext db, TimeProvider clock)
{
    public const string RecurringJobId = "idempotency-key-cleanup";

    /// <summary>Every hour, at 17 minutes past: keys live a day, so an hour's delay in purging costs nothing.</summary>
    public const string Cron = "17 * * * *";

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Forget Idempotency-Key answers older than a day")]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await ApiIdempotency.PurgeExpiredAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{deleted} expired key(s) deleted.");
    }
}
