using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RiskMapCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assets_OrganizationId_ImportanceValue",
                table: "Assets");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_OrganizationId_ImportanceValue_Likelihood",
                table: "Assets",
                columns: new[] { "OrganizationId", "ImportanceValue", "Likelihood" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assets_OrganizationId_ImportanceValue_Likelihood",
                table: "Assets");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_OrganizationId_ImportanceValue",
                table: "Assets",
                columns: new[] { "OrganizationId", "ImportanceValue" });
        }
    }
}
