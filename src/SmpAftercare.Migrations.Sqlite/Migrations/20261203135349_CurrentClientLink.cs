using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CurrentClientLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientLinks_ClientId",
                table: "ClientLinks");

            migrationBuilder.AddColumn<string>(
                name: "ProtectedToken",
                table: "ClientLinks",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientLinks_OneCurrent",
                table: "ClientLinks",
                column: "ClientId",
                unique: true,
                filter: "\"RevokedAtUtc\" IS NULL AND \"ProtectedToken\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientLinks_OneCurrent",
                table: "ClientLinks");

            migrationBuilder.DropColumn(
                name: "ProtectedToken",
                table: "ClientLinks");

            migrationBuilder.CreateIndex(
                name: "IX_ClientLinks_ClientId",
                table: "ClientLinks",
                column: "ClientId");
        }
    }
}
