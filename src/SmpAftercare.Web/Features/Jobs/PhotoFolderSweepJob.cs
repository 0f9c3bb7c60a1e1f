using System.ComponentModel;
using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.CheckIns;

namespace SmpAftercare.Web.Features.Jobs;

/// <summary>
/// Removes photo folders whose client no longer exists. An erasure removes the folder itself right after its commit;
/// this catches the folder it could not (a locked file, a full disk) and files a check-in wrote while its client was
/// being erased. Such a folder is served to nobody (every photo is read through its row), so an hour's wait costs
/// nothing. Safe to run twice or on several processes: a client's row exists before any of their files do.
/// </summary>
public sealed class PhotoFolderSweepJob(AppDbContext db, CheckInPhotoStore store)
{
    public const string RecurringJobId = "photo-folder-sweep";

    /// <summary>Every hour, at 47 minutes past (away from the other hourly job).</summary>
    public const string Cron = "47 * * * *";

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Remove photo folders of erased clients")]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        // Listed first: folders are removed as we go.
        foreach (var batch in store.ClientFolders().ToList().Chunk(500))
        {
            var ids = batch.Select(f => f.ClientId).ToList();
            var existing = (await db.Clients.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var (clinicId, clientId) in batch.Where(f => !existing.Contains(f.ClientId)))
            {
                store.DeleteClient(clinicId, clientId);
                removed++;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{removed} photo folder(s) of erased clients removed.");
    }
}
