using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RiskScenarioDerivedColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LikelihoodValue",
                table: "RiskScenarios",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RelationValue",
                table: "RiskScenarios",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskScenarios_OrganizationId_RelationValue",
                table: "RiskScenarios",
                columns: new[] { "OrganizationId", "RelationValue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RiskScenarios_OrganizationId_RelationValue",
                table: "RiskScenarios");

            migrationBuilder.DropColumn(
                name: "LikelihoodValue",
                table: "RiskScenarios");

            migrationBuilder.DropColumn(
                name: "RelationValue",
                table: "RiskScenarios");
        }
    }
}
