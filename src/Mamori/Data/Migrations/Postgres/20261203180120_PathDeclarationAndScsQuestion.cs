using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PathDeclarationAndScsQuestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CustomersRequireScsLevel3",
                table: "Organizations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SecurityActionDeclaredOn",
                table: "Organizations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecurityActionId",
                table: "Organizations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CustomersRequireScsLevel3",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "SecurityActionDeclaredOn",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "SecurityActionId",
                table: "Organizations");
        }
    }
}
