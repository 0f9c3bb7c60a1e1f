using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmpAftercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClinicAdjustmentLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AdjustmentMaxDaysLonger",
                table: "Clinics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "AdjustmentMaxDaysShorter",
                table: "Clinics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AdjustmentMaxDaysLonger",
                table: "Clinics");

            migrationBuilder.DropColumn(
                name: "AdjustmentMaxDaysShorter",
                table: "Clinics");
        }
    }
}
