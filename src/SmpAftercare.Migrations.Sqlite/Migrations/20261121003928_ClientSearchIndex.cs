using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Sqlite.Migrations
{
    public partial class ClientSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_ClinicId_FullName",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ClinicId_FullName_Id_Email_Phone_ArchivedAtUtc",
                table: "Clients",
                columns: new[] { "ClinicId", "FullName", "Id", "Email", "Phone", "ArchivedAtUtc" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_ClinicId_FullName_Id_Email_Phone_ArchivedAtUtc",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ClinicId_FullName",
                table: "Clients",
                columns: new[] { "ClinicId", "FullName" });
        }
    }
}
