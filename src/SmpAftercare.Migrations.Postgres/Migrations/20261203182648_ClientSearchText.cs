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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Clients_SearchTrigrams";""");
            migrationBuilder.Sql("""ALTER TABLE "Clients" DROP COLUMN IF EXISTS "SearchText";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Clients_SearchTrigrams" ON "Clients" USING gin ("FullName" gin_trgm_ops, "Email" gin_trgm_ops, "Phone" gin_trgm_ops);""");
        }
    }
}
