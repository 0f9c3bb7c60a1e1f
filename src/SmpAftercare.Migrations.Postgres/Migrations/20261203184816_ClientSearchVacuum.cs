using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClientSearchVacuum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL only, after ClientSearchText rewrote the Clients table: without a visibility map the search's
            // index-only reads fetch every row until autovacuum comes round, and without statistics for the new
            // column and indexes the planner guesses how many clients a text matches. VACUUM cannot run inside a
            // transaction, hence a migration of its own (EF Core's advice for such an operation).
            migrationBuilder.Sql("""VACUUM (ANALYZE) "Clients";""", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: VACUUM changes no schema or data.
        }
    }
}
