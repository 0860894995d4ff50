using System.Globalization;
using Mamori.Accounts;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Mamori.Web.Features.Account;

/// <summary>Turns TOTP two-factor authentication on (after a correct code) or off.</summary>
public sealed class TwoFactorModel(UserManager<MamoriUser> users, SignInManager<MamoriUser> signIn) : PageModel
{
    public bool Enabled { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>The otpauth URI as an SVG QR code (generated here, no outside service).</summary>
    public string QrSvg { get; private set; } = "";

    [BindProperty]
    public string? Code { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), AccountText.TwoFactorCodeInvalid);
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = AccountText.TwoFactorTurnedOn;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = AccountText.TwoFactorTurnedOff;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        Key = string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
        var uri = string.Format(
            CultureInfo.InvariantCulture,
            "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString("Mamori"),
            Uri.EscapeDataString(user.Email ?? user.Id),
            key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
