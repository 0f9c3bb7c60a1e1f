namespace SmpAftercare.Domain.Aftercare;

/// <summary>Input that would produce a wrong timeline or a broken entity. The message is meant for a person.</summary>
public sealed class DomainException(string message) : Exception(message);
