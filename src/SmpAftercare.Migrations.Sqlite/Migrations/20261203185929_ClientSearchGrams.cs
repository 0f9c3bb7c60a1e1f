using Microsoft.EntityFrameworkCore.Migrations;
using SmpAftercare.Data;

#nullable disable

namespace SmpAftercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClientSearchGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite only: one- and two-character pieces for the staff search, filled from the clients already there
            // (docs/decisions/0022). PostgreSQL's equivalent is an index, made by its ClientSearchText migration.
            ClientSearchGramsSql.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ClientSearchGramsSql.Drop(migrationBuilder);
        }
    }
}
