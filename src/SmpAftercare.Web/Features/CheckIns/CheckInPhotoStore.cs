using Microsoft.Extensions.Options;
using SmpAftercare.Domain.CheckIns;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>
/// Photo files, outside the web root: {store}/{clinic}/{client}/{photo}.jpg (and .original.jpg). Nothing maps this
/// folder to a URL; every read goes through an endpoint that checks who is asking (CheckInEndpoints).
/// Several app processes share it as a shared folder (docs/deploy.md): files are written under a temporary
/// name and moved into place, so a reader never sees half a photo.
/// </summary>
public sealed class CheckInPhotoStore
{
    public CheckInPhotoStore(IOptions<CheckInOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = HostingSetup.DataDirectory(configuration, environment);
        Root = Path.GetFullPath(options.Value.PhotoDirectory is { Length: > 0 } configured ? configured : "photos", dataDirectory);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(CheckInPhoto photo, bool original) =>
        PathOf(photo.ClinicId, photo.ClientId, photo.Id, original);

    public async Task WriteAsync(Guid clinicId, Guid clientId, Guid photoId, bool original, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var path = PathOf(clinicId, clientId, photoId, original);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(Guid clinicId, Guid clientId, Guid photoId)
    {
        File.Delete(PathOf(clinicId, clientId, photoId, original: false));
        File.Delete(PathOf(clinicId, clientId, photoId, original: true));
    }

    /// <summary>Removes every photo of a client: called after an erasure commits (Clients/ClientErasure).</summary>
    public void DeleteClient(Guid clinicId, Guid clientId)
    {
        var folder = Path.Combine(Root, clinicId.ToString("N"), clientId.ToString("N"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every client folder in the store, by the ids its path names (folders with other names are not the app's).</summary>
    public IEnumerable<(Guid ClinicId, Guid ClientId)> ClientFolders()
    {
        foreach (var clinicFolder in Directory.EnumerateDirectories(Root))
        {
            if (!Guid.TryParseExact(Path.GetFileName(clinicFolder), "N", out var clinicId))
            {
                continue;
            }

            foreach (var clientFolder in Directory.EnumerateDirectories(clinicFolder))
            {
                if (Guid.TryParseExact(Path.GetFileName(clientFolder), "N", out var clientId))
                {
                    yield return (clinicId, clientId);
                }
            }
        }
    }

    private string PathOf(Guid clinicId, Guid clientId, Guid photoId, bool original) =>
        Path.Combine(Root, clinicId.ToString("N"), clientId.ToString("N"), photoId.ToString("N") + (original ? ".original.jpg" : ".jpg"));
}
