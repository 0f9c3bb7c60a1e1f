using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StaffEmailUniquePerClinic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ClinicId_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "ClinicId", "NormalizedEmail" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ClinicId_NormalizedEmail",
                table: "AspNetUsers");
        }
    }
}
