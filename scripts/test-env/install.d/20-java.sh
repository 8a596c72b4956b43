# Debian's OpenJDK 17 (JDK: javac, jcmd) for the system report's Java facts and the igl-server
# profile tests (a real JVM whose flags and thread dump the profile collects).
source "$(dirname "$0")/../lib.sh"
apt_install openjdk-17-jdk-headless
