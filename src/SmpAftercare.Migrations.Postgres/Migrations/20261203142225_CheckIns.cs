using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    HealingDay = table.Column<int>(type: "integer", nullable: false),
                    SessionNumber = table.Column<int>(type: "integer", nullable: false),
                    SignCodes = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsWarning = table.Column<bool>(type: "boolean", nullable: false),
                    SeenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SeenBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SeenNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    AfterEachSession = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AfterFinalSession = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeepOriginals = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckInId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Angle = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    StoredBytes = table.Column<long>(type: "bigint", nullable: false),
                    HasOriginal = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
