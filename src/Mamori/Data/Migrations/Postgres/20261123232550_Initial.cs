using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RiskBands = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessCategory = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    UserScope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RiskOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Department = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MediaAndLocation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonalInformation = table.Column<int>(type: "integer", nullable: false),
                    RetentionPeriod = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Confidentiality = table.Column<int>(type: "integer", nullable: false),
                    Integrity = table.Column<int>(type: "integer", nullable: false),
                    Availability = table.Column<int>(type: "integer", nullable: false),
                    ThreatLikelihood = table.Column<int>(type: "integer", nullable: true),
                    VulnerabilityExposure = table.Column<int>(type: "integer", nullable: true),
                    Likelihood = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assets_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskScenarios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessValue = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RiskStatement = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProtectionRequirements = table.Column<List<string>>(type: "text[]", nullable: false),
                    ThreatLikelihood = table.Column<int>(type: "integer", nullable: true),
                    VulnerabilityExposure = table.Column<int>(type: "integer", nullable: true),
                    Treatment = table.Column<int>(type: "integer", nullable: true),
                    ResidualLikelihood = table.Column<int>(type: "integer", nullable: true),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AcceptedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Controls = table.Column<string>(type: "jsonb", nullable: true),
                    Threat = table.Column<string>(type: "jsonb", nullable: true),
                    Vulnerabilities = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskScenarios", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskScenarios_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RiskScenarios_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_OrganizationId_BusinessCategory_Name",
                table: "Assets",
                columns: new[] { "OrganizationId", "BusinessCategory", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assets_OrganizationId_Department",
                table: "Assets",
                columns: new[] { "OrganizationId", "Department" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskScenarios_AssetId",
                table: "RiskScenarios",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskScenarios_OrganizationId_AssetId",
                table: "RiskScenarios",
                columns: new[] { "OrganizationId", "AssetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RiskScenarios");

            migrationBuilder.DropTable(
                name: "Assets");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
