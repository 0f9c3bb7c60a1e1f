using Microsoft.EntityFrameworkCore.Migrations;

namespace SmpAftercare.Data;

/// <summary>
/// The data fix-up the SessionInvariants migration runs between adding the Sessions.Review column and creating the
/// unique indexes, so sessions the release before left broken cannot make the migration fail. The statements are
/// plain SQL written the same for SQLite and PostgreSQL (quoted identifiers, correlated subqueries, no window
/// functions); each migrations set (one per provider) calls <see cref="Apply"/> in its SessionInvariants migration.
/// Nothing is deleted: staff see the flagged sessions on the client's page and move or delete them.
/// </summary>
public static class SessionInvariantsFixUp
{
    /// <summary>In order; each is idempotent, so running them twice changes nothing more.</summary>
    public static IReadOnlyList<string> Statements { get; } =
    [
        // 1. Two or more sessions of a client at one instant: the earliest saved (then lowest id) stays, the others wait.
        """
        UPDATE "Sessions" SET "Review" = 'SameInstant'
        WHERE "Review" IS NULL AND EXISTS (
            SELECT 1 FROM "Sessions" AS "Kept"
            WHERE "Kept"."ClientId" = "Sessions"."ClientId" AND "Kept"."StartsAtUtc" = "Sessions"."StartsAtUtc"
              AND ("Kept"."CreatedAtUtc" < "Sessions"."CreatedAtUtc"
                   OR ("Kept"."CreatedAtUtc" = "Sessions"."CreatedAtUtc" AND "Kept"."Id" < "Sessions"."Id")))
        """,
        // 2. Sessions after the client's (first kept) final session wait too.
        """
        UPDATE "Sessions" SET "Review" = 'AfterFinal'
        WHERE "Review" IS NULL AND EXISTS (
            SELECT 1 FROM "Sessions" AS "Final"
            WHERE "Final"."ClientId" = "Sessions"."ClientId" AND "Final"."IsFinal" AND "Final"."Review" IS NULL
              AND "Final"."StartsAtUtc" < "Sessions"."StartsAtUtc")
        """,
        // 3. Kept sessions are numbered by their place in time order (duplicate numbers like 1, 2, 2 go away).
        """
        UPDATE "Sessions" SET "SessionNumber" = 1 + (
            SELECT COUNT(*) FROM "Sessions" AS "Earlier"
            WHERE "Earlier"."ClientId" = "Sessions"."ClientId" AND "Earlier"."Review" IS NULL
              AND "Earlier"."StartsAtUtc" < "Sessions"."StartsAtUtc")
        WHERE "Review" IS NULL
        """,
    ];

    public static void Apply(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var statement in Statements)
        {
            migrationBuilder.Sql(statement);
        }
    }
}
