using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmpAftercare.Data;

/// <summary>
/// Instants go in as UTC and come out marked UTC. SQLite keeps DateTime as text with no zone (read back as
/// Unspecified) and compares it as text, which orders correctly only if every value is UTC; PostgreSQL's
/// timestamptz (Npgsql) refuses anything but Kind Utc. A local time is converted, an unspecified one is the
/// app's convention (every *Utc property) and only gets its Kind.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}

/// <summary>
/// A DateTimeOffset (Identity's LockoutEnd) is stored at offset zero: PostgreSQL's timestamptz refuses any
/// other, and SQLite compares the text, which only orders instants when they share one offset.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
