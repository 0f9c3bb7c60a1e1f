using SmpAftercare.Domain.Aftercare;

namespace SmpAftercare.Domain.CheckIns;

/// <summary>The guided angles a client photographs, in the order the page asks for them.</summary>
public enum PhotoAngle
{
    Hairline,
    Crown,
    LeftSide,
    RightSide,
}

public static class PhotoAngles
{
    public static readonly IReadOnlyList<PhotoAngle> All = [PhotoAngle.Hairline, PhotoAngle.Crown, PhotoAngle.LeftSide, PhotoAngle.RightSide];

    public static string Name(this PhotoAngle angle) => angle switch
    {
        PhotoAngle.Hairline => "Hairline",
        PhotoAngle.Crown => "Crown",
        PhotoAngle.LeftSide => "Left side",
        PhotoAngle.RightSide => "Right side",
        _ => throw new ArgumentOutOfRangeException(nameof(angle)),
    };

    /// <summary>How to hold the phone, next to the picture that shows it.</summary>
    public static string HowTo(this PhotoAngle angle) => angle switch
    {
        PhotoAngle.Hairline => "Face the camera, phone at eye level, an arm's length away, with your forehead and hairline in the frame.",
        PhotoAngle.Crown => "Hold the phone above your head, screen down, and photograph the top of your head (or ask someone to).",
        PhotoAngle.LeftSide => "Turn your head to the right and photograph the left side, from the temple to behind the ear.",
        PhotoAngle.RightSide => "Turn your head to the left and photograph the right side, from the temple to behind the ear.",
        _ => throw new ArgumentOutOfRangeException(nameof(angle)),
    };

    /// <summary>The stable code used in form fields and API answers.</summary>
    public static string Code(this PhotoAngle angle) => angle switch
    {
        PhotoAngle.Hairline => "hairline",
        PhotoAngle.Crown => "crown",
        PhotoAngle.LeftSide => "left",
        PhotoAngle.RightSide => "right",
        _ => throw new ArgumentOutOfRangeException(nameof(angle)),
    };
}

/// <summary>
/// One photo of a check-in, as the app re-encoded it (orientation applied, metadata dropped). The image bytes live
/// in the photo store, not the database; the row says where and how big, so the storage cap is a sum in SQL.
/// </summary>
public sealed class CheckInPhoto
{
    private CheckInPhoto()
    {
    }

    public Guid Id { get; private set; }

    public Guid CheckInId { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid ClientId { get; private set; }

    public PhotoAngle Angle { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Bytes stored for this photo: the display copy plus the original when the clinic keeps it.</summary>
    public long StoredBytes { get; private set; }

    public bool HasOriginal { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public static CheckInPhoto Create(Guid id, CheckIn checkIn, PhotoAngle angle, int width, int height, long storedBytes, bool hasOriginal, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        if (id == Guid.Empty)
        {
            throw new DomainException("A photo needs an id.");
        }

        if (!Enum.IsDefined(angle))
        {
            throw new DomainException("A photo is taken at one of the guided angles.");
        }

        if (width <= 0 || height <= 0 || storedBytes <= 0)
        {
            throw new DomainException("A photo has a size.");
        }

        return new CheckInPhoto
        {
            Id = id,
            CheckInId = checkIn.Id,
            ClinicId = checkIn.ClinicId,
            ClientId = checkIn.ClientId,
            Angle = angle,
            Width = width,
            Height = height,
            StoredBytes = storedBytes,
            HasOriginal = hasOriginal,
            CreatedAtUtc = nowUtc,
        };
    }
}
