using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TopThreatsYearAndPublicPolicyToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicPolicyToken",
                table: "Organizations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TopThreatsYear",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_PublicPolicyToken",
                table: "Organizations",
                column: "PublicPolicyToken",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organizations_PublicPolicyToken",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "PublicPolicyToken",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "TopThreatsYear",
                table: "Organizations");
        }
    }
}
