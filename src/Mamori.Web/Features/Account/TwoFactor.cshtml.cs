using System.Globalization;
using Mamori.Accounts;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Turns TOTP two-factor authentication on (after a correct code) or off (after the password or a
/// current code, so that a session left open is not enough). Either change ends the user's other sessions.
/// </summary>
public sealed class TwoFactorModel(UserManager<MamoriUser> users, SignInManager<MamoriUser> signIn, IUserStore<MamoriUser> store) : PageModel
{
    public bool Enabled { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>The otpauth URI as an SVG QR code (generated here, no outside service).</summary>
    public string QrSvg { get; private set; } = "";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        if (!await CodeIsRightAsync(user))
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
        var confirmed = !string.IsNullOrEmpty(Password)
            ? await users.CheckPasswordAsync(user, Password)
            : await CodeIsRightAsync(user);
        if (!confirmed)
        {
            ModelState.AddModelError("", AccountText.TwoFactorDisableNotConfirmed);
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await SingleUseAuthenticatorCodes.ForgetAsync(users, user);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = AccountText.TwoFactorTurnedOff;
        return RedirectToPage();
    }

    private async Task<bool> CodeIsRightAsync(MamoriUser user)
    {
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
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
            // Through the store: UserManager.ResetAuthenticatorKeyAsync would change the security stamp and so end
            // every session of the user, this one included, for merely opening this page.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<MamoriUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
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
