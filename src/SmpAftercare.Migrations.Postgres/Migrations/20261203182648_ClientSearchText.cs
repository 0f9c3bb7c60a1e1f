using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClientSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL only (SQLite's FTS5 index needs nothing new): the search compares one stored, lower-cased copy
            // of name and email with LIKE, not both columns with ILIKE, which lower-cases every row it reads
            // (docs/decisions/0022). The line break keeps a typed text from matching across the two. The database
            // fills the column, so the model does not map it.
            migrationBuilder.Sql("""ALTER TABLE "Clients" ADD COLUMN "SearchText" text GENERATED ALWAYS AS (lower("FullName" || chr(10) || coalesce("Email", ''))) STORED;""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Clients_SearchTrigrams";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Clients_SearchTrigrams" ON "Clients" USING gin ("SearchText" gin_trgm_ops, "Phone" gin_trgm_ops);""");
            // Trigrams cannot serve a one- or two-character term; this index can: every one- and two-character piece
            // of the text. Common pieces ("s", "an") are still read in list order, rare ones ("q", "sm") from here.
            // When the list is read in order the function runs for each row the LIKE lets through: a loop without
            // DISTINCT (GIN drops repeats itself) takes a third of the time of an aggregate over generate_series.
            migrationBuilder.Sql("""
                CREATE FUNCTION smp_search_grams(s text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                DECLARE grams text[] := string_to_array(s, NULL);
                BEGIN
                    FOR i IN 1 .. char_length(s) - 1 LOOP
                        grams := grams || substr(s, i, 2);
                    END LOOP;
                    RETURN grams;
                END
                $$;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Clients_SearchGrams" ON "Clients" USING gin (smp_search_grams("SearchText" || chr(10) || coalesce("Phone", '')));""");
            // Reading the list in name order with the search's filter, from the index alone: the list index EF Core
            // makes does not hold SearchText, and fetching each row to test it took 45 ms where the planner expected
            // 700 matches of "7946" and found 122.
            migrationBuilder.Sql("""CREATE INDEX "IX_Clients_SearchList" ON "Clients" ("ClinicId", "FullName", "Id") INCLUDE ("SearchText", "Email", "Phone", "ArchivedAtUtc");""");
            // ClientSearchVacuum, next, gives the rewritten table its visibility map and statistics.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Clients_SearchList";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Clients_SearchGrams";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS smp_search_grams(text);""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Clients_SearchTrigrams";""");
            migrationBuilder.Sql("""ALTER TABLE "Clients" DROP COLUMN IF EXISTS "SearchText";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Clients_SearchTrigrams" ON "Clients" USING gin ("FullName" gin_trgm_ops, "Email" gin_trgm_ops, "Phone" gin_trgm_ops);""");
        }
    }
}
