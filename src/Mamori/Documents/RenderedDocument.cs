using System.Globalization;

namespace Mamori.Documents;

/// <summary>
/// A policy document with everything resolved (placeholders filled, versions chosen), ready to
/// be written as Word, PDF or Markdown. Section bodies are Markdown (CommonMark + pipe tables);
/// <paramref name="Culture"/> is the language of the labels the writers add.
/// </summary>
public sealed record RenderedDocument(
    string Title,
    string OrganizationName,
    string DocumentNumber,
    string Version,
    DateOnly EffectiveOn,
    string Classification,
    IReadOnlyList<RevisionRow> Revisions,
    IReadOnlyList<RoleRow> Roles,
    IReadOnlyList<DocumentSection> Sections,
    CultureInfo Culture);

/// <summary>One line of 改訂履歴.</summary>
public sealed record RevisionRow(string Version, DateOnly Date, string Author, string Summary, string Approver);

/// <summary>One line of the roles table: 役職名, 役割と責任, and the people who hold it.</summary>
public sealed record RoleRow(string Title, string Responsibility, string People);

/// <summary>A heading (level 1–3) and its body in Markdown.</summary>
public sealed record DocumentSection(string Heading, int Level, string Markdown);
