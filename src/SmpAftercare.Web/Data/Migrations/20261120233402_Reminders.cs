using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Web.Data.Migrations
{
    public partial class Reminders : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AnnouncedDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SendByDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    OptOutToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reminders_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reminders_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReminderSettings",
                columns: table => new
                {
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnabledMilestoneCodes = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NextSessionReminders = table.Column<bool>(type: "INTEGER", nullable: false),
                    MilestoneEmailSubject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MilestoneEmailBody = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MilestoneSms = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    NextSessionEmailSubject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NextSessionEmailBody = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextSessionSms = table.Column<string>(type: "TEXT", maxLength: 640, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderSettings", x => x.ClinicId);
                    table.ForeignKey(
                        name: "FK_ReminderSettings_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ClientId_Channel_Kind_AnnouncedDate",
                table: "Reminders",
                columns: new[] { "ClientId", "Channel", "Kind", "AnnouncedDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ClinicId_Status_DueAtUtc",
                table: "Reminders",
                columns: new[] { "ClinicId", "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_OptOutToken",
                table: "Reminders",
                column: "OptOutToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Status_DueAtUtc",
                table: "Reminders",
                columns: new[] { "Status", "DueAtUtc" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reminders");

            migrationBuilder.DropTable(
                name: "ReminderSettings");
        }
    }
}
