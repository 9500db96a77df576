package dev.spotlink;
public final class Main { public static void main(String[] args) { } }
