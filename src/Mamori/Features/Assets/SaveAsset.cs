using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Assets;

/// <summary>
/// Creates or updates one asset: validates every field (messages keyed by field name),
/// enforces the member's role, refuses duplicates, and refuses a stale version instead of
/// overwriting someone else's change. Used by the web page and the REST API alike.
/// </summary>
public static class SaveAsset
{
    public sealed record Request
    {
        public string? BusinessCategory { get; init; }

        public string? Name { get; init; }

        public string? Notes { get; init; }

        public string? UserScope { get; init; }

        public string? RiskOwner { get; init; }

        public string? Department { get; init; }

        public string? MediaAndLocation { get; init; }

        public bool PersonalInformation { get; init; }

        public bool SensitivePersonalInformation { get; init; }

        public bool MyNumber { get; init; }

        public int? Confidentiality { get; init; }

        public int? Integrity { get; init; }

        public int? Availability { get; init; }

        public string? RetentionPeriod { get; init; }

        public DateOnly? RegisteredOn { get; init; }

        public int? ThreatLikelihood { get; init; }

        public int? VulnerabilityExposure { get; init; }

        /// <summary>被害発生可能性 given directly; used when threat and vulnerability are not both set.</summary>
        public int? Likelihood { get; init; }

        /// <summary>The version the user edited; ignored when creating.</summary>
        public int Version { get; init; }

        public static Request From(InformationAsset a) => new()
        {
            BusinessCategory = a.BusinessCategory,
            Name = a.Name,
            Notes = a.Notes,
            UserScope = a.UserScope,
            RiskOwner = a.RiskOwner,
            Department = a.Department,
            MediaAndLocation = a.MediaAndLocation,
            PersonalInformation = a.PersonalInformation.HasFlag(PersonalInformationKinds.Personal),
            SensitivePersonalInformation = a.PersonalInformation.HasFlag(PersonalInformationKinds.Sensitive),
            MyNumber = a.PersonalInformation.HasFlag(PersonalInformationKinds.MyNumber),
            Confidentiality = a.Confidentiality.Value,
            Integrity = a.Integrity.Value,
            Availability = a.Availability.Value,
            RetentionPeriod = a.RetentionPeriod,
            RegisteredOn = a.RegisteredOn,
            ThreatLikelihood = a.ThreatLikelihood?.Value,
            VulnerabilityExposure = a.VulnerabilityExposure?.Value,
            Likelihood = a.ThreatLikelihood is null ? a.Likelihood?.Value : null,
            Version = a.Version,
        };
    }

    /// <summary>The outcome; <see cref="Errors"/> maps a field name of <see cref="Request"/> (or "" for the whole) to its messages.</summary>
    public sealed record Result(SaveStatus Status, InformationAsset? Asset, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="id">The asset to update, or null to create one.</param>
    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, Guid? id, Request request, DateOnly today, CancellationToken cancellationToken = default)
    {
        InformationAsset? asset = null;
        if (id is { } existingId)
        {
            asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == existingId, cancellationToken);
            if (asset is null)
            {
                return new(SaveStatus.NotFound, null, FieldErrors.None);
            }

            if (!membership.CanEditAsset(asset.Department))
            {
                return new(SaveStatus.Forbidden, asset, FieldErrors.None);
            }
        }
        else if (!membership.CanCreateAssets)
        {
            return new(SaveStatus.Forbidden, null, FieldErrors.None);
        }

        var errors = Validate(request, membership, out var ratings);
        if (errors.Count > 0 || ratings is not var (c, i, a))
        {
            return new(SaveStatus.Invalid, asset, errors);
        }

        var name = request.Name!.Trim();
        var category = (request.BusinessCategory ?? "").Trim();
        var selfId = asset?.Id;
        if (await db.Assets.AnyAsync(x => x.BusinessCategory == category && x.Name == name && x.Id != selfId, cancellationToken))
        {
            errors.Add(nameof(Request.Name), Format(Messages.AssetNameTaken, category));
            return new(SaveStatus.Invalid, asset, errors);
        }

        if (asset is null)
        {
            asset = new InformationAsset(membership.OrganizationId, name, c, i, a);
            db.Assets.Add(asset);
        }
        else
        {
            db.Entry(asset).Property(x => x.Version).OriginalValue = request.Version;
        }

        Apply(request, asset, name, category, c, i, a, today);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, await db.Assets.AsNoTracking().SingleOrDefaultAsync(x => x.Id == asset.Id, cancellationToken), FieldErrors.None);
        }

        return new(SaveStatus.Saved, asset, FieldErrors.None);
    }

    private static FieldErrors Validate(Request request, Membership membership, out (Rating, Rating, Rating)? ratings)
    {
        var errors = new FieldErrors();
        errors.Text(nameof(Request.Name), request.Name, InformationAsset.MaxTextLength, Messages.AssetNameRequired);
        foreach (var (field, value, max) in new (string, string?, int)[]
        {
            (nameof(Request.BusinessCategory), request.BusinessCategory, InformationAsset.MaxTextLength),
            (nameof(Request.Notes), request.Notes, InformationAsset.MaxNotesLength),
            (nameof(Request.UserScope), request.UserScope, InformationAsset.MaxTextLength),
            (nameof(Request.RiskOwner), request.RiskOwner, InformationAsset.MaxTextLength),
            (nameof(Request.Department), request.Department, InformationAsset.MaxTextLength),
            (nameof(Request.MediaAndLocation), request.MediaAndLocation, InformationAsset.MaxTextLength),
            (nameof(Request.RetentionPeriod), request.RetentionPeriod, InformationAsset.MaxTextLength),
        })
        {
            errors.Text(field, value, max);
        }

        var c = errors.Rating(nameof(Request.Confidentiality), request.Confidentiality, required: true);
        var i = errors.Rating(nameof(Request.Integrity), request.Integrity, required: true);
        var a = errors.Rating(nameof(Request.Availability), request.Availability, required: true);
        errors.Rating(nameof(Request.ThreatLikelihood), request.ThreatLikelihood, required: false);
        errors.Rating(nameof(Request.VulnerabilityExposure), request.VulnerabilityExposure, required: false);
        errors.Rating(nameof(Request.Likelihood), request.Likelihood, required: false);
        if ((request.ThreatLikelihood is null) != (request.VulnerabilityExposure is null))
        {
            errors.Add(nameof(Request.ThreatLikelihood), Messages.LikelihoodNeedsBoth);
        }

        if (membership.Role == MemberRole.DepartmentManager && (request.Department ?? "").Trim() != membership.Department)
        {
            errors.Add(nameof(Request.Department), Format(Messages.AssetOwnDepartmentOnly, membership.Department));
        }

        ratings = c is { } cc && i is { } ii && a is { } aa ? (cc, ii, aa) : null;
        return errors;
    }

    private static void Apply(Request request, InformationAsset asset, string name, string category, Rating c, Rating i, Rating a, DateOnly today)
    {
        asset.Name = name;
        asset.BusinessCategory = category;
        asset.Notes = (request.Notes ?? "").Trim();
        asset.UserScope = (request.UserScope ?? "").Trim();
        asset.RiskOwner = (request.RiskOwner ?? "").Trim();
        asset.Department = (request.Department ?? "").Trim();
        asset.MediaAndLocation = (request.MediaAndLocation ?? "").Trim();
        asset.PersonalInformation =
            (request.PersonalInformation ? PersonalInformationKinds.Personal : 0)
            | (request.SensitivePersonalInformation ? PersonalInformationKinds.Sensitive : 0)
            | (request.MyNumber ? PersonalInformationKinds.MyNumber : 0);
        asset.Confidentiality = c;
        asset.Integrity = i;
        asset.Availability = a;
        asset.RetentionPeriod = (request.RetentionPeriod ?? "").Trim();
        asset.RegisteredOn = request.RegisteredOn ?? (asset.RegisteredOn == default ? today : asset.RegisteredOn);
        if (request.ThreatLikelihood is { } threat && request.VulnerabilityExposure is { } vulnerability)
        {
            asset.AssessLikelihood(Rating.From(threat), Rating.From(vulnerability));
        }
        else if (request.Likelihood is { } likelihood)
        {
            asset.SetLikelihood(Rating.From(likelihood));
        }
        else
        {
            asset.ClearLikelihood();
        }
    }

    private static string Format(string template, object arg) => string.Format(CultureInfo.CurrentCulture, template, arg);
}
