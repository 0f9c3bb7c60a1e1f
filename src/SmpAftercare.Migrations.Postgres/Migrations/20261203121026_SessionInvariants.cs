using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SmpAftercare.Data;

#nullable disable

namespace SmpAftercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SessionInvariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Review",
                table: "Sessions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Clients",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "IdempotentRequests",
                columns: table => new
                {
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    ResponseBody = table.Column<string>(type: "text", nullable: false),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotentRequests", x => new { x.ClinicId, x.Key });
                    table.ForeignKey(
                        name: "FK_IdempotentRequests_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Sessions the old release left clashing are flagged for review before the unique indexes exist.
            SessionInvariantsFixUp.Apply(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_Number",
                table: "Sessions",
                columns: new[] { "ClientId", "SessionNumber" },
                unique: true,
                filter: "\"Review\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_OneAtATime",
                table: "Sessions",
                columns: new[] { "ClientId", "StartsAtUtc" },
                unique: true,
                filter: "\"Review\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_OneFinal",
                table: "Sessions",
                column: "ClientId",
                unique: true,
                filter: "\"IsFinal\" AND \"Review\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_CreatedAtUtc",
                table: "IdempotentRequests",
                column: "CreatedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdempotentRequests");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_Number",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_OneAtATime",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_OneFinal",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Clients");
        }
    }
}
