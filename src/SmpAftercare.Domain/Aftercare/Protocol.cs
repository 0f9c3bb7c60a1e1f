namespace SmpAftercare.Domain.Aftercare;

/// <summary>A set of aftercare rules. The default SMP protocol is one instance; a clinic's own is another.</summary>
public sealed class Protocol
{
    private Protocol(string name, IReadOnlyList<ProtocolRule> rules)
    {
        Name = name;
        Rules = rules;
    }

    public string Name { get; }

    public IReadOnlyList<ProtocolRule> Rules { get; }

    public static Protocol Create(string name, IEnumerable<ProtocolRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A protocol needs a name.");
        }

        if (list.Count == 0)
        {
            throw new DomainException("A protocol needs at least one rule.");
        }

        if (list.Any(r => r is null))
        {
            throw new DomainException("A protocol cannot contain an empty rule.");
        }

        return new Protocol(name.Trim(), list.AsReadOnly());
    }

    /// <summary>The same protocol with some rules replaced or removed; convenient for a clinic's variations.</summary>
    public Protocol With(string name, Func<IReadOnlyList<ProtocolRule>, IEnumerable<ProtocolRule>> change) =>
        Create(name, change(Rules));
}
