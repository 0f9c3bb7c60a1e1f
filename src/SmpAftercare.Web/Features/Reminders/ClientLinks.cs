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

/// <summary>Absolute links into this app for messages (which are read outside any request).</summary>
public sealed class PublicUrls(IConfiguration configuration)
{
    /// <summary>PublicBaseUrl from configuration, without a trailing slash.</summary>
    public string BaseUrl { get; } = (configuration["PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    public string OptOut(string token) => $"{BaseUrl}/stop/{token}";

    /// <summary>RFC 8058 one-click target for the List-Unsubscribe header (mail clients POST to it).</summary>
    public string OneClickOptOut(string token) => $"{BaseUrl}/stop/{token}/one-click";
}

/// <summary>Placeholder until the personal-link feature is merged: the app's base URL + /c/.</summary>
public sealed class BaseUrlClientLinkProvider(PublicUrls urls) : IClientLinkProvider
{
    public ValueTask<string> TimelineLinkAsync(AppDbContext db, Clinic clinic, Client client, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"{urls.BaseUrl}/c/");
}
