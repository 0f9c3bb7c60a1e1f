using Microsoft.EntityFrameworkCore.Migrations;

namespace SmpAftercare.Data;

/// <summary>
/// What the SQLite ClientSearchGrams migration creates (docs/decisions/0022): every one- and two-character piece of
/// each client's name, email and phone, by <c>Clients.rowid</c>, so a one- or two-character search finds rare text
/// ("q", "zq") without reading the whole clinic. FTS5's trigram index cannot answer fewer than three characters.
/// Kept in step by triggers on <c>Clients</c>, as the FTS5 table is; a migration that rebuilds <c>Clients</c> must
/// create them again and refill the table (<see cref="Create"/> does both).
/// </summary>
public static class ClientSearchGramsSql
{
    /// <summary>The table the search reads (Features/Clients/ClientSearch names it in its SQL).</summary>
    private const string Table = "ClientSearchGrams";

    /// <summary>Longer than name (200), email (254) and phone (16) with the two line breaks between them.</summary>
    private const int MaxTextLength = 512;

    public static void Create(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        // Positions 1..512: triggers may not use WITH, so the pieces come from a join on this table instead.
        migrationBuilder.Sql("""CREATE TABLE "SearchPositions" ("N" INTEGER NOT NULL PRIMARY KEY);""");
        migrationBuilder.Sql($"""
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {MaxTextLength})
            INSERT INTO "SearchPositions" ("N") SELECT x FROM n;
            """);
        migrationBuilder.Sql($"""CREATE TABLE "{Table}" ("Gram" TEXT NOT NULL, "ClientRowid" INTEGER NOT NULL, PRIMARY KEY ("Gram", "ClientRowid")) WITHOUT ROWID;""");
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Clients_{Table}_Insert" AFTER INSERT ON "Clients" BEGIN
                {Insert("new")}
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Clients_{Table}_Delete" AFTER DELETE ON "Clients" BEGIN
                {Delete("old")}
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Clients_{Table}_Update" AFTER UPDATE OF "FullName", "Email", "Phone" ON "Clients" BEGIN
                {Delete("old")}
                {Insert("new")}
            END;
            """);
        migrationBuilder.Sql(Insert("\"Clients\""));
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "Clients_{Table}_Update";""");
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "Clients_{Table}_Delete";""");
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "Clients_{Table}_Insert";""");
        migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{Table}";""");
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchPositions";""");
    }

    private static string Insert(string client) => $"""INSERT OR IGNORE INTO "{Table}" ("Gram", "ClientRowid") {Pieces(client)};""";

    /// <summary>By the old row's own pieces, so the table needs no second index (on the client) to delete them.</summary>
    private static string Delete(string client) => $"""DELETE FROM "{Table}" WHERE ("Gram", "ClientRowid") IN ({Pieces(client)});""";

    /// <summary>
    /// The pieces of <paramref name="client"/>'s text (a trigger's <c>new</c> or <c>old</c>, or the Clients table for
    /// all rows). SQLite's lower() folds ASCII only, as its LIKE ignores ASCII case only: the search lower-cases the
    /// typed text the same way and LIKE then decides. Pieces across a line break are never looked for and are left out.
    /// </summary>
    private static string Pieces(string client) => $"""
        SELECT substr(t."Text", p."N", l."Length"), t."Id"
        FROM (SELECT {client}.rowid AS "Id",
                     lower({client}."FullName") || char(10) || lower(coalesce({client}."Email", '')) || char(10) || coalesce({client}."Phone", '') AS "Text"
              {(client is "new" or "old" ? "" : $"FROM {client}")}) AS t
        JOIN "SearchPositions" AS p ON p."N" <= length(t."Text")
        JOIN (SELECT 1 AS "Length" UNION ALL SELECT 2) AS l ON p."N" + l."Length" - 1 <= length(t."Text")
        WHERE instr(substr(t."Text", p."N", l."Length"), char(10)) = 0
        """;
}
