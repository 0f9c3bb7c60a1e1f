namespace SmpAftercare.Web.Features.CheckIns;

/// <summary>Limits and places for check-in photos ("CheckIns" in configuration).</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIns";

    /// <summary>Where photos are kept; relative paths count from the data directory. Default: "photos" in the data directory.</summary>
    public string? PhotoDirectory { get; set; }

    /// <summary>The largest file a phone may send for one photo (a 12-megapixel JPEG is 3 to 8 MB).</summary>
    public long MaxPhotoBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Refuses images that would take more memory to decode than a phone photo ever needs (a "decompression bomb").</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>The long edge of the copy staff and clients see.</summary>
    public int DisplayLongEdge { get; set; } = 1600;

    /// <summary>All of one client's stored photos together.</summary>
    public long StorageCapPerClientBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Check-ins one personal link may send per hour.</summary>
    public int CheckInsPerLinkPerHour { get; set; } = 6;
}
