using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mamori.Data;
using Mamori.Documents;
using Mamori.Documents.Docx;
using Mamori.Documents.Pdf;
using Mamori.Domain.Organizations;
using Mamori.Resources;

namespace Mamori.Features.Policies;

/// <summary>
/// The policy set as a file: Word (.docx), PDF (through LibreOffice) or a Markdown bundle
/// (a .zip with one file per document, the roles table and an index, for keeping in git).
/// </summary>
public static class ExportPolicySet
{
    public enum Format
    {
        Docx,
        Pdf,
        Markdown,
    }

    /// <summary>Word written, then converted by LibreOffice; a missing or failing LibreOffice is a problem to show, not an error.</summary>
    public static Task<Result> PdfAsync(IReadOnlyList<RenderedDocument> documents, CancellationToken cancellationToken = default) =>
        PdfAsync(documents, null, cancellationToken);

    /// <summary>The same, as a book with the front <paramref name="cover"/> says (see <see cref="PolicyDocx.Write"/>).</summary>
    public static async Task<Result> PdfAsync(IReadOnlyList<RenderedDocument> documents, BookCover? cover, CancellationToken cancellationToken = default)
    {
        if (!LibreOfficePdf.IsAvailable)
        {
            return new(null, Resources.Messages.PdfUnavailable);
        }

        var docx = Path.Combine(Path.GetTempPath(), $"mamori-policy-{Guid.NewGuid():N}.docx");
        try
        {
            await using (var file = File.Create(docx))
            {
                PolicyDocx.Write(file, documents, cover);
            }

            var pdf = await LibreOfficePdf.ConvertAsync(docx, cancellationToken);
            return pdf is null ? new(null, Resources.Messages.PdfUnavailable) : new(pdf, null);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or FileNotFoundException)
        {
            // LibreOffice is there but did not produce a PDF; say so rather than fail the request.
            return new(null, e.Message);
        }
        finally
        {
            File.Delete(docx);
        }
    }

    public sealed record Result(byte[]? Content, string? Problem);

    public static string ContentType(Format format) => format switch
    {
        Format.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format.Pdf => "application/pdf",
        _ => "application/zip",
    };

    public static string Extension(Format format) => format switch
    {
        Format.Docx => "docx",
        Format.Pdf => "pdf",
        _ => "zip",
    };

    /// <summary>
    /// What a fresh process (the CLI) runs on its other core while it opens the database: the
    /// template parser, catalogs and labels (<see cref="RenderPolicy.Prepare"/>) and the Word writer's
    /// first use (<see cref="PolicyDocx.WarmUp"/>).
    /// </summary>
    public static void Prepare(CultureInfo culture)
    {
        RenderPolicy.Prepare(culture);
        PolicyDocx.WarmUp(culture);
    }

    public static async Task<Result> HandleAsync(
        MamoriDb db, Organization organization, DateOnly today, Format format, CultureInfo culture, bool includeDrafts, CancellationToken cancellationToken = default)
    {
        var prepared = Task.Run(() => RenderPolicy.Prepare(culture), cancellationToken);
        var documents = await RenderPolicy.PolicySetAsync(db, organization, today, culture, includeDrafts, cancellationToken);
        await prepared;
        if (documents.Count == 0)
        {
            return new(null, includeDrafts ? Resources.Messages.ExportNothing : Resources.Messages.ExportNothingPublished);
        }

        switch (format)
        {
            case Format.Markdown:
                return new(MarkdownBundle(documents), null);
            case Format.Docx:
            {
                using var stream = new MemoryStream();
                PolicyDocx.Write(stream, documents);
                return new(stream.ToArray(), null);
            }

            default:
                return await PdfAsync(documents, cancellationToken);
        }
    }

    /// <summary>One Markdown file per document (with its details as front matter), the roles table and an index.</summary>
    public static byte[] MarkdownBundle(IReadOnlyList<RenderedDocument> documents)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var index = new StringBuilder();
            var first = documents[0];
            index.AppendLine(CultureInfo.InvariantCulture, $"# {first.OrganizationName}").AppendLine();
            var number = 0;
            foreach (var document in documents)
            {
                var name = $"{++number:00}-{Slug(document.DocumentNumber, number)}.md";
                index.AppendLine(CultureInfo.InvariantCulture, $"- [{document.Title}]({name}) (v{document.Version})");
                var text = new StringBuilder()
                    .AppendLine("---")
                    .AppendLine(CultureInfo.InvariantCulture, $"title: \"{document.Title.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")
                    .AppendLine(CultureInfo.InvariantCulture, $"number: \"{document.DocumentNumber}\"")
                    .AppendLine(CultureInfo.InvariantCulture, $"version: {document.Version}")
                    .AppendLine(CultureInfo.InvariantCulture, $"effective: {document.EffectiveOn:yyyy-MM-dd}")
                    .AppendLine(CultureInfo.InvariantCulture, $"scope: \"{document.Scope.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")
                    .AppendLine("---")
                    .AppendLine();
                foreach (var section in document.Sections)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{new string('#', section.Level)} {section.Heading}").AppendLine().AppendLine(section.Markdown.Trim()).AppendLine();
                }

                Write(archive, name, text.ToString());
            }

            var rolesTitle = DocumentText.ResourceManager.Text(nameof(DocumentText.PolicyRolesTable), first.Culture);
            string Column(string name) => Messages.ResourceManager.Text(name, first.Culture);
            var roles = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# {rolesTitle}").AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"| {Column(nameof(Messages.BaselineRoleTitle))} | {Column(nameof(Messages.BaselineRoleResponsibility))} | {Column(nameof(Messages.BaselineRoleHolders))} |")
                .AppendLine("|---|---|---|");
            foreach (var role in first.Roles)
            {
                roles.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(role.Title)} | {Cell(role.Responsibility)} | {Cell(role.People)} |");
            }

            Write(archive, "roles.md", roles.ToString());
            index.AppendLine(CultureInfo.InvariantCulture, $"- [{rolesTitle}](roles.md)");
            Write(archive, "index.md", index.ToString());
        }

        return zip.ToArray();
    }

    private static void Write(ZipArchive archive, string name, string text)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        stream.Write(bytes);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Slug(string number, int fallback) =>
        number.Length > 0 && number.All(c => char.IsAsciiLetterOrDigit(c) || c == '.') ? "doc-" + number.Replace('.', '-') : "doc-" + fallback.ToString(CultureInfo.InvariantCulture);
}
