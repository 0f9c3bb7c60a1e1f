namespace SmpAftercare.Data;

/// <summary>
/// The first answer to an API request sent with an Idempotency-Key header, kept so a retry with the same key gets
/// that answer again instead of saving a second time. Stored in the same transaction as what the request saved.
/// </summary>
public sealed class IdempotentRequest
{
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered; booking systems retry within minutes, 24 hours covers an outage.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private IdempotentRequest()
    {
        Key = Fingerprint = ResponseBody = string.Empty;
    }

    public Guid ClinicId { get; private set; }

    public string Key { get; private set; }

    /// <summary>Lower-case hex SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public string Fingerprint { get; private set; }

    public int StatusCode { get; private set; }

    public string ResponseBody { get; private set; }

    public string? Location { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public bool IsExpired(DateTime nowUtc) => nowUtc - CreatedAtUtc >= Lifetime;

    public static IdempotentRequest Record(Guid clinicId, string key, string fingerprint, int statusCode, string responseBody, string? location, DateTime nowUtc) =>
        new IdempotentRequest { ClinicId = clinicId, Key = key }.Answer(fingerprint, statusCode, responseBody, location, nowUtc);

    /// <summary>Reuses an expired key's row for a new request (its primary key stays the same).</summary>
    public IdempotentRequest Answer(string fingerprint, int statusCode, string responseBody, string? location, DateTime nowUtc)
    {
        Fingerprint = fingerprint;
        StatusCode = statusCode;
        ResponseBody = responseBody;
        Location = location;
        CreatedAtUtc = nowUtc;
        return this;
    }
}
