using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Inventories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InventoryItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Maker = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Software = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DataHeld = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Confidential = table.Column<bool>(type: "INTEGER", nullable: false),
                    TermsChecked = table.Column<bool>(type: "INTEGER", nullable: false),
                    MfaEnforced = table.Column<bool>(type: "INTEGER", nullable: false),
                    Privileges = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SupportEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InventoryItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InventoryItems_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InventoryItems_OrganizationId_Kind_Name",
                table: "InventoryItems",
                columns: new[] { "OrganizationId", "Kind", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InventoryItems");
        }
    }
}
