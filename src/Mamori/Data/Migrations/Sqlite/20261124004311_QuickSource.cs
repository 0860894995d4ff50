using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuickSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceKey",
                table: "PolicyDocuments",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyDocuments_OrganizationId_SourceKey",
                table: "PolicyDocuments",
                columns: new[] { "OrganizationId", "SourceKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PolicyDocuments_OrganizationId_SourceKey",
                table: "PolicyDocuments");

            migrationBuilder.DropColumn(
                name: "SourceKey",
                table: "PolicyDocuments");
        }
    }
}
