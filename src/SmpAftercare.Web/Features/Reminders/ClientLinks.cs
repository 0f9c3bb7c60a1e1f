using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;
using SmpAftercare.Web.Data;

namespace SmpAftercare.Web.Features.Reminders;

/// <summary>
/// The client's personal timeline link as it goes into a message. Another feature owns the real links
/// (/c/{token}); it replaces the default registration with its own implementation. It gets the unit of work
/// of the change being planned, so it can create a link row in the same transaction.
/// </summary>
public interface IClientLinkProvider
{
    ValueTask<string> TimelineLinkAsync(AppDbContext db, Clinic clinic, Client client, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Absolute links into this app for messages and personal links (often made outside any request).</summary>
public sealed class PublicUrls(IConfiguration configuration)
{
    /// <summary>PublicBaseUrl from configuration without a trailing slash, or null when not set.</summary>
    public string? Configured { get; } = configuration["PublicBaseUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>PublicBaseUrl, or the development address the README's run command serves.</summary>
    public string BaseUrl => Configured ?? "http://localhost:5080";

    public string OptOut(string token) => $"{BaseUrl}/stop/{token}";

    /// <summary>RFC 8058 one-click target for the List-Unsubscribe header (mail clients POST to it).</summary>
    public string OneClickOptOut(string token) => $"{BaseUrl}/stop/{token}/one-click";
}

/// <summary>
/// Each planned message carries a working personal link. Only a link's hash is stored, so an existing link cannot
/// be written into a message again: a new one is staged in the same unit of work as the reminders that quote it.
/// </summary>
public sealed class PersonalLinkProvider(ClientLink.ClientLinks links) : IClientLinkProvider
{
    public ValueTask<string> TimelineLinkAsync(AppDbContext db, Clinic clinic, Client client, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(links.Stage(db, client, now.UtcDateTime));
}
