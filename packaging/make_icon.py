"""Draw the program's icon: the character 档 (档案) in white on the app's blue, with rounded
corners, from the vendored WenQuanYi Micro Hei. Writes resources/icons/liushou.png (256 px, the
window icon) and resources/icons/liushou.ico (16–256 px, the Windows program and installer).

Run once when the design changes: ``.venv/bin/python packaging/make_icon.py`` (Pillow comes with
reportlab). The files it writes are kept in git.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"
BLUE = (47, 111, 174, 255)  # ACCENT #2f6fae of gui/widgets/theme.py
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=BLUE)
    font = ImageFont.truetype(str(FONT), 168, index=0)
    pen.text((SIZE / 2, SIZE / 2 + 4), "档", font=font, fill="white", anchor="mm")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(OUT / "liushou.png")
    image.save(OUT / "liushou.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    print(f"wrote {OUT / 'liushou.png'} and {OUT / 'liushou.ico'}")


if __name__ == "__main__":
    main()
