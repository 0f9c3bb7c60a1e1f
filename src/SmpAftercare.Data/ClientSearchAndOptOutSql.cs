using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SmpAftercare.Data;

/// <summary>
/// What the ClientSearchAndOptOut migration does besides EF Core's own operations, per provider; each migrations set
/// (one per provider) calls these in that migration, so a regenerated migration needs only the three calls again.
/// <list type="bullet">
/// <item><see cref="BackfillOptOutTokens"/>: existing clients get their opt-out addresses, between adding the columns
/// and creating their unique indexes (docs/decisions/0019).</item>
/// <item><see cref="CreateSearchIndex"/>: the staff search's trigram index over name, email and phone, built from the
/// rows already there (docs/decisions/0018): FTS5 with triggers on SQLite, pg_trgm GIN on PostgreSQL.</item>
/// </list>
/// </summary>
public static class ClientSearchAndOptOutSql
{
    /// <summary>32 hex characters of strong randomness per token: the most the opt-out lookup accepts.</summary>
    public static void BackfillOptOutTokens(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(migrationBuilder.IsSqlite()
            ? """UPDATE "Clients" SET "EmailOptOutToken" = lower(hex(randomblob(16))), "SmsOptOutToken" = lower(hex(randomblob(16)));"""
            : """UPDATE "Clients" SET "EmailOptOutToken" = replace(gen_random_uuid()::text, '-', ''), "SmsOptOutToken" = replace(gen_random_uuid()::text, '-', '');""");
    }

    public static void CreateSearchIndex(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!migrationBuilder.IsSqlite())
        {
            // pg_trgm is in Debian's PostgreSQL package and trusted: the database's owner may create it.
            migrationBuilder.Sql("""CREATE EXTENSION IF NOT EXISTS pg_trgm;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Clients_SearchTrigrams" ON "Clients" USING gin ("FullName" gin_trgm_ops, "Email" gin_trgm_ops, "Phone" gin_trgm_ops);""");
            return;
        }

        // External content: the index keeps no second copy of the text, only trigrams by Clients.rowid.
        migrationBuilder.Sql("""CREATE VIRTUAL TABLE "ClientSearch" USING fts5("FullName", "Email", "Phone", content='Clients', tokenize='trigram');""");
        migrationBuilder.Sql("""
            CREATE TRIGGER "Clients_ClientSearch_Insert" AFTER INSERT ON "Clients" BEGIN
                INSERT INTO "ClientSearch"(rowid, "FullName", "Email", "Phone") VALUES (new.rowid, new."FullName", new."Email", new."Phone");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Clients_ClientSearch_Delete" AFTER DELETE ON "Clients" BEGIN
                INSERT INTO "ClientSearch"("ClientSearch", rowid, "FullName", "Email", "Phone") VALUES ('delete', old.rowid, old."FullName", old."Email", old."Phone");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Clients_ClientSearch_Update" AFTER UPDATE OF "FullName", "Email", "Phone" ON "Clients" BEGIN
                INSERT INTO "ClientSearch"("ClientSearch", rowid, "FullName", "Email", "Phone") VALUES ('delete', old.rowid, old."FullName", old."Email", old."Phone");
                INSERT INTO "ClientSearch"(rowid, "FullName", "Email", "Phone") VALUES (new.rowid, new."FullName", new."Email", new."Phone");
            END;
            """);
        migrationBuilder.Sql("""INSERT INTO "ClientSearch"("ClientSearch") VALUES ('rebuild');""");
    }

    /// <summary>For Down, before the columns go. pg_trgm stays: something else in the database may use it.</summary>
    public static void DropSearchIndex(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Clients_SearchTrigrams";""");
            return;
        }

        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Clients_ClientSearch_Update";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Clients_ClientSearch_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Clients_ClientSearch_Insert";""");
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "ClientSearch";""");
    }
}
