using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HealingDay = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    SignCodes = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsWarning = table.Column<bool>(type: "INTEGER", nullable: false),
                    SeenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SeenBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SeenNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckIns_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CheckIns_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CheckInSettings",
                columns: table => new
                {
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AfterEachSession = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AfterFinalSession = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeepOriginals = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInSettings", x => x.ClinicId);
                    table.ForeignKey(
                        name: "FK_CheckInSettings_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckInPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CheckInId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Angle = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    HasOriginal = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckInPhotos_CheckIns_CheckInId",
                        column: x => x.CheckInId,
                        principalTable: "CheckIns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CheckInPhotos_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckInPhotos_CheckInId_Angle",
                table: "CheckInPhotos",
                columns: new[] { "CheckInId", "Angle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckInPhotos_ClientId",
                table: "CheckInPhotos",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_ClientId_SubmittedAtUtc",
                table: "CheckIns",
                columns: new[] { "ClientId", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_ClinicId_IsWarning_SeenAtUtc",
                table: "CheckIns",
                columns: new[] { "ClinicId", "IsWarning", "SeenAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckInPhotos");

            migrationBuilder.DropTable(
                name: "CheckInSettings");

            migrationBuilder.DropTable(
                name: "CheckIns");
        }
    }
}
