# The UI's tests: Debian's Chromium for Playwright (never `playwright install`), and an X server
# with capture tools for the screenshot tests (Xvfb, ImageMagick's import, scrot, xwininfo, xrandr).
source "$(dirname "$0")/../lib.sh"
apt_install chromium xvfb xauth imagemagick scrot x11-xserver-utils x11-utils fonts-dejavu-core
