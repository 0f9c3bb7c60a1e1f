using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Web.Features.Api;

/// <summary>
/// Gives a client a new personal link (replacing any earlier one) and returns its absolute URL. The client-link
/// feature implements it; the API only needs this much of it. An implementation saves the link together with
/// anything already pending on the request's AppDbContext (the API's audit row), or leaves both for the caller's
/// SaveChanges.
/// </summary>
public interface IClientLinkIssuer
{
    Task<string> IssueAsync(Client client, CancellationToken cancellationToken);
}

/// <summary>
/// Stands in until the client-link feature is merged: the endpoint answers 501 rather than hand out a URL
/// that would not work. Replace its registration in ApiEndpoints.AddSmpAftercareApi with the real issuer.
/// </summary>
public sealed class UnavailableClientLinkIssuer : IClientLinkIssuer
{
    public Task<string> IssueAsync(Client client, CancellationToken cancellationToken) =>
        throw new ClientLinksUnavailableException();
}

public sealed class ClientLinksUnavailableException : Exception
{
    public ClientLinksUnavailableException()
        : base("Personal links are not available on this server yet.")
    {
    }

    public ClientLinksUnavailableException(string message)
        : base(message)
    {
    }

    public ClientLinksUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
