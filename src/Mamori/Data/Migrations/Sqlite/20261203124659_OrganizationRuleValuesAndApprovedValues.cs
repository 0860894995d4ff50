using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Sqlite
{
    /// <summary>
    /// The organization's rule values (規程の基準値, JSON key → value) replace the Lv.2 tailoring's
    /// free-text variables, which are dropped: their free text does not map to typed values, and every
    /// organization starts from the catalog's defaults. Document versions get the rule values they
    /// were approved with (empty for versions approved before).
    /// </summary>
    public partial class OrganizationRuleValuesAndApprovedValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BaselineVariables",
                table: "Organizations");

            migrationBuilder.AddColumn<string>(
                name: "RuleValues",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "RuleValues",
                table: "DocumentVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RuleValues",
                table: "DocumentVersions");

            migrationBuilder.DropColumn(
                name: "RuleValues",
                table: "Organizations");

            migrationBuilder.AddColumn<string>(
                name: "BaselineVariables",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");
        }
    }
}
