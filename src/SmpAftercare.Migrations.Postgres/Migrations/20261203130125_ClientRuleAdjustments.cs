using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClientRuleAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClientRuleAdjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromSessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Anchor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromDay = table.Column<int>(type: "integer", nullable: false),
                    ToDay = table.Column<int>(type: "integer", nullable: false),
                    ClientNote = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AdjustedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientRuleAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientRuleAdjustments_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientRuleAdjustments_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClientRuleAdjustments_Sessions_FromSessionId",
                        column: x => x.FromSessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClientRuleAdjustments_ClientId",
                table: "ClientRuleAdjustments",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientRuleAdjustments_ClinicId_ClientId_CreatedAtUtc",
                table: "ClientRuleAdjustments",
                columns: new[] { "ClinicId", "ClientId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientRuleAdjustments_FromSessionId",
                table: "ClientRuleAdjustments",
                column: "FromSessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientRuleAdjustments");
        }
    }
}
