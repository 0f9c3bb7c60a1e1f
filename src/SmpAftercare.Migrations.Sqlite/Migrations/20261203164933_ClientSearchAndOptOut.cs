using Microsoft.EntityFrameworkCore.Migrations;
using SmpAftercare.Data;

#nullable disable

namespace SmpAftercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClientSearchAndOptOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailOptOutToken",
                table: "Clients",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SmsOptOutToken",
                table: "Clients",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Existing clients get their opt-out addresses before the unique indexes exist (docs/decisions/0019).
            ClientSearchAndOptOutSql.BackfillOptOutTokens(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_EmailOptOutToken",
                table: "Clients",
                column: "EmailOptOutToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_SmsOptOutToken",
                table: "Clients",
                column: "SmsOptOutToken",
                unique: true);

            // The staff search's trigram index, built from the clients already there (docs/decisions/0018).
            ClientSearchAndOptOutSql.CreateSearchIndex(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ClientSearchAndOptOutSql.DropSearchIndex(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_Clients_EmailOptOutToken",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_SmsOptOutToken",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "EmailOptOutToken",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SmsOptOutToken",
                table: "Clients");
        }
    }
}
