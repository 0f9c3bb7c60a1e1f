using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Features.Api;

/// <summary>
/// The Idempotency-Key header on API POSTs: the first request's answer is stored with what it saved, in the same
/// transaction; a retry with the same key and the same request gets that answer again and saves nothing; the same
/// key with another request is refused (422). Keys are remembered for <see cref="IdempotentRequest.Lifetime"/>.
/// </summary>
public sealed class ApiIdempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on a replayed answer, so a caller can tell a retry's answer from a first one.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private readonly Guid _clinicId;
    private readonly string _fingerprint;
    private IdempotentRequest? _expired;

    private ApiIdempotency(Guid clinicId, string key, string fingerprint)
    {
        _clinicId = clinicId;
        Key = key;
        _fingerprint = fingerprint;
    }

    public string Key { get; }

    /// <summary>
    /// Reads the header and looks the key up. Returns no key when the header is absent; a problem when the header is
    /// malformed or the key was used for another request; a replay of the first answer when this is a retry.
    /// The body is buffered and left readable from its start.
    /// </summary>
    public static async Task<(ApiIdempotency? Key, IResult? Answer)> BeginAsync(HttpRequest request, AppDbContext db, Guid clinicId,
        DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return (null, null);
        }

        var key = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(key) || key.Length > IdempotentRequest.MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            return (null, ApiRequests.Invalid(Header,
                $"Send one {Header} of 1 to {IdempotentRequest.MaxKeyLength} printable ASCII characters (a UUID is usual), or leave the header out."));
        }

        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        var idempotency = new ApiIdempotency(clinicId, key, Convert.ToHexStringLower(sha.GetHashAndReset()));
        return (idempotency, await idempotency.AnswerAsync(db, nowUtc, cancellationToken));
    }

    /// <summary>The stored answer for this key, or a refusal if it was for another request; null when the key is new (or expired).</summary>
    public async Task<IResult?> AnswerAsync(AppDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.IdempotentRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ClinicId == _clinicId && r.Key == Key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.IsExpired(nowUtc))
        {
            _expired = stored;
            return null;
        }

        if (stored.Fingerprint != _fingerprint)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key already used",
                detail: $"This {Header} was already used for a different request, so nothing was saved. Send a new key with a new request; " +
                        "reuse a key only to retry exactly the same request.");
        }

        return new Replay(stored);
    }

    /// <summary>Adds this request's answer to the unit of work that saves what it did.</summary>
    public void Stage(AppDbContext db, int statusCode, string responseBody, string? location, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_expired is not null)
        {
            // An expired key's row is reused: its primary key is (clinic, key).
            db.IdempotentRequests.Attach(_expired);
            _expired.Answer(_fingerprint, statusCode, responseBody, location, nowUtc);
        }
        else
        {
            db.IdempotentRequests.Add(IdempotentRequest.Record(_clinicId, Key, _fingerprint, statusCode, responseBody, location, nowUtc));
        }
    }

    /// <summary>
    /// Deletes keys older than <see cref="IdempotentRequest.Lifetime"/> in every clinic; returns how many. Not yet
    /// scheduled: meant for a daily background job. Until then an expired key is simply reused when it comes again.
    /// </summary>
    public static Task<int> PurgeExpiredAsync(AppDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = nowUtc - IdempotentRequest.Lifetime;
        return db.IdempotentRequests.Where(r => r.CreatedAtUtc <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed class Replay(IdempotentRequest stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = stored.StatusCode;
            response.ContentType = "application/json; charset=utf-8";
            response.Headers[ReplayedHeader] = "true";
            if (stored.Location is not null)
            {
                response.Headers.Location = stored.Location;
            }

            await response.WriteAsync(stored.ResponseBody, httpContext.RequestAborted);
        }
    }
}
